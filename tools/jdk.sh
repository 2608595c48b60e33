# Sourced by ./ndj and ./mvnw (POSIX sh): exports JAVA_HOME as a JDK >= 25, looked for in $JAVA_HOME, then the
# java on the PATH, then /usr/lib/jvm/* (newest first). The machine's default java may be older (JDK 17).
ndj_jdk_version() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
ndj_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(ndj_jdk_version "$1")" -ge 25 ] 2>/dev/null
}
ndj_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && ndj_jdk_ok "$JAVA_HOME"; then echo "$JAVA_HOME"; return 0; fi
  if command -v java >/dev/null 2>&1; then
    ndj_j=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if ndj_jdk_ok "$ndj_j"; then echo "$ndj_j"; return 0; fi
  fi
  for ndj_c in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 2>/dev/null | sort -rV); do
    if ndj_jdk_ok "$ndj_c"; then echo "$ndj_c"; return 0; fi
  done
  return 1
}
if ndj_home=$(ndj_find_jdk); then
  JAVA_HOME=$ndj_home
  export JAVA_HOME
else
  echo "ndj: no JDK >= 25 found (looked at JAVA_HOME, java on the PATH, /usr/lib/jvm/*); set JAVA_HOME" >&2
  exit 1
fi
