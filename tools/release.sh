#!/usr/bin/env bash
# ./ndj release [VERSION]: a release build of HEAD, staged as Maven Central lays it out, then used.
#   1. clones HEAD into a temporary folder and sets every module's version to VERSION (default: the poms'
#      version without -SNAPSHOT), as a release tag would hold it;
#   2. builds it (tests are ./ndj test's job) and deploys every artifact (jar, -sources.jar, -javadoc.jar, pom,
#      and their .md5/.sha1/.sha256/.sha512) into target/staging, a folder in Central's layout;
#   3. builds and runs examples/consumer (the README's Maven example) with an empty local repository and
#      target/staging as the only place ndj can come from, and checks what it prints.
# Signing (.asc) is the publisher's step: it needs their key.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
current=$(sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml)
version=${1:-${current%-SNAPSHOT}}
staging="$root/target/staging"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "ndj release: building $version from $(git rev-parse --short HEAD) in $work" >&2
git clone -q "$root" "$work/src"
find "$work/src" -name pom.xml -not -path '*/examples/*' \
  -exec sed -i "s#<version>$current</version>#<version>$version</version>#" {} +
rm -rf "$staging"
(cd "$work/src" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true \
  -Daether.checksums.algorithms=SHA-512,SHA-256,SHA-1,MD5 \
  -DaltDeploymentRepository="ndj-staging::file://$staging" deploy)

missing=0
for jar in $(find "$staging/io/ndj" -name "*-$version.jar"); do
  for part in "${jar%.jar}-sources.jar" "${jar%.jar}-javadoc.jar" "${jar%.jar}.pom"; do
    for f in "$part" "$part.sha1" "$part.md5" "$part.sha256"; do
      [ -f "$f" ] || { echo "ndj release: missing ${f#$staging/}" >&2; missing=1; }
    done
  done
done
[ "$missing" = 0 ] || exit 1
echo "ndj release: staged $(find "$staging" -name '*.jar' | wc -l) jars in ${staging#$root/}" >&2

# README's Maven example is the consumer's (whitespace aside, at the released version)
flat() { tr -d ' \n'; }
readme=$(sed -n '/^```xml$/,/^```$/p' README.md | sed '1d;$d' | flat)
consumer=$(sed "s#\${ndj.version}#$version#" examples/consumer/pom.xml | flat)
case "$consumer" in
  *"$readme"*) ;;
  *) echo "ndj release: README's Maven example is not examples/consumer/pom.xml's" >&2; exit 1 ;;
esac

# the consumer, with nothing of ndj but the staging folder
mkdir -p "$work/m2"
cat > "$work/settings.xml" <<XML
<settings>
  <profiles><profile><id>staging</id>
    <repositories><repository><id>ndj-staging</id><url>file://$staging</url></repository></repositories>
  </profile></profiles>
  <activeProfiles><activeProfile>staging</activeProfile></activeProfiles>
</settings>
XML
cp -r examples/consumer "$work/consumer"
cd "$work/consumer"
"$root/mvnw" -B -q -s "$work/settings.xml" -Dmaven.repo.local="$work/m2" -Dndj.version="$version" \
  package dependency:build-classpath -Dmdep.outputFile=cp.txt
for f in "$work"/m2/io/ndj/*/"$version"/_remote.repositories; do
  grep -q '>ndj-staging=' "$f" || { echo "ndj release: $f did not come from the staging folder" >&2; exit 1; }
done
got=$("$JAVA_HOME/bin/java" -cp "target/classes:$(cat cp.txt)" com.example.Consumer)
want=$'[[0.5 1.5 2.5]\n [3.5 4.5 5.5]]\n[ 4.5 13.5]\ncpu'
if [ "$got" != "$want" ]; then
  printf 'ndj release: the consumer printed\n%s\ninstead of\n%s\n' "$got" "$want" >&2
  exit 1
fi
echo "ndj release: examples/consumer built against ${staging#$root/} alone and printed NumPy's output" >&2
