// strictmath.cuh built for the host (StrictMathHostTest compiles it with -ffp-contract=off, so that each SM_
// operation is one rounded IEEE operation, as its _rn intrinsic is on the device):
//   strictmath_host log|exp < doubles-as-hex-bits      prints smLog's (smExp's) bits, a line each
//   strictmath_host rates KEY COUNTER < rates (hex)    prints k_poisson_rates' draw of each rate, element i
//   strictmath_host poisson KEY COUNTER N LAW(8 hex)   prints N draws of k_poisson's element loop
//   strictmath_host pcg64 SHI SLO IHI ILO DRAWS T       prints k_pcg64's draws (hex), its T threads run in turn
//   strictmath_host normal KEY COUNTER N PER < table   prints k_normal's (PER 2) or k_normal_f32's (PER 4) element
//                                                      values 0 .. N-1 as double bits, Gaussian.table() on stdin
//   strictmath_host binomial KEY COUNTER < laws         prints smBinomial's draw of each law, element i: a line
//                                                      n bound m complement inversion (decimal), then
//                                                      BinomialLaw's 17 doubles and the table's (hex)
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <string_view>
#include "../../main/cuda/pcg64.cuh"
#include "../../main/cuda/strictmath.cuh"
#include <vector>

typedef unsigned long long u64;

// random.cuh's philoxBlockAt: the first 64 bits, the last 64 in *rest when rest is not null
static u64 philoxAt(u64 key, u64 ctr, u64 hi, u64* rest) {
  unsigned k0 = (unsigned)key, k1 = (unsigned)(key >> 32);
  unsigned c0 = (unsigned)ctr, c1 = (unsigned)(ctr >> 32), c2 = (unsigned)hi, c3 = (unsigned)(hi >> 32);
  for (int r = 0; r < 10; r++) {
    u64 p0 = (u64)0xD2511F53u * c0, p1 = (u64)0xCD9E8D57u * c2;
    unsigned n0 = (unsigned)(p1 >> 32) ^ c1 ^ k0, n2 = (unsigned)(p0 >> 32) ^ c3 ^ k1;
    c0 = n0; c1 = (unsigned)p1; c2 = n2; c3 = (unsigned)p0;
    k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
  }
  if (rest) *rest = ((u64)c2 << 32) | c3;
  return ((u64)c0 << 32) | c1;
}

static u64 philox(u64 key, u64 ctr) { return philoxAt(key, ctr, 0, 0); }

static double hexDouble(const char* s) { return smDouble((long long)strtoull(s, 0, 16)); }

// one element's draws, as random.cuh's ElementDraws: Philox block c under key, key + golden, key + 2 golden...
struct Draws {
  u64 k;
  const u64 c;
  u64 operator()() {
    u64 bits = philox(k, c);
    k += 0x9E3779B97F4A7C15ULL;
    return bits;
  }
};

int main(int argc, char** argv) {
  if (argc >= 2 && (std::string_view(argv[1]) == "log" || std::string_view(argv[1]) == "exp")) {
    std::string_view f = argv[1];
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
      double x = hexDouble(line);
      double y = f == "log" ? smLog(x) : smExp(x);
      printf("%llx\n", (unsigned long long)smBits(y));
    }
    return 0;
  }
  if (argc == 4 && std::string_view(argv[1]) == "rates") {
    u64 key = strtoull(argv[2], 0, 16), counter = strtoull(argv[3], 0, 16);
    char line[64];
    for (u64 i = 0; fgets(line, sizeof line, stdin); i++) {
      printf("%lld\n", smPoisson(smPoissonLaw(hexDouble(line)), Draws{key, counter + i}));
    }
    return 0;
  }
  if (argc == 4 && std::string_view(argv[1]) == "binomial") {
    u64 key = strtoull(argv[2], 0, 16), counter = strtoull(argv[3], 0, 16);
    static char line[1 << 14];
    for (u64 i = 0; fgets(line, sizeof line, stdin); i++) {
      char* at = line;
      BinomialLaw b;
      b.n = strtoll(at, &at, 10);
      b.bound = strtoll(at, &at, 10);
      b.m = strtoll(at, &at, 10);
      b.complement = (int)strtol(at, &at, 10);
      b.inversion = (int)strtol(at, &at, 10);
      double* fields[] = {&b.p, &b.pp, &b.q, &b.qn, &b.r, &b.fm, &b.p1, &b.xm, &b.xl,
                          &b.xr, &b.c, &b.laml, &b.lamr, &b.p2, &b.p3, &b.p4, &b.nrq};
      for (double* f : fields) *f = smDouble((long long)strtoull(at, &at, 16));
      std::vector<double> table;
      for (char* end; ; at = end) {
        unsigned long long bits = strtoull(at, &end, 16);
        if (end == at) break;
        table.push_back(smDouble((long long)bits));
      }
      Draws next{key, counter + i};
      printf("%lld\n", smBinomial(b, table.data(), next));
    }
    return 0;
  }
  if (argc == 6 && std::string_view(argv[1]) == "normal") {
    u64 key = strtoull(argv[2], 0, 16), counter = strtoull(argv[3], 0, 16);
    long long n = atoll(argv[4]);
    int per = atoi(argv[5]);
    std::vector<unsigned long long> t(770);
    for (auto& w : t) if (scanf("%llx", &w) != 1) return 3;
    std::vector<double> wi(256), fi(256);
    for (int i = 0; i < 256; i++) wi[i] = smDouble((long long)t[256 + i]), fi[i] = smDouble((long long)t[512 + i]);
    const Ziggurat z = {t.data(), wi.data(), fi.data(), smDouble((long long)t[768]), smDouble((long long)t[769])};
    for (long long e = 0; e < n; e++) {  // random.cuh's zigSlowAt, every element through it
      u64 ctr = counter + (u64)(e / per), last;
      int lane = (int)(e % per);
      u64 first = philoxAt(key, ctr, 0, &last);
      u64 word = per == 2 ? (lane == 0 ? first : last)
                          : ((lane < 2 ? first : last) >> ((lane & 1) == 0 ? 32 : 0)) & 0xFFFFFFFFULL;
      bool ok;
      double x = smZigguratCandidate(z, word, per == 4, &ok);
      if (!ok) x = smZigguratSlow(z, x, word, per == 4, [&](unsigned a, u64* b1, u64* b2) {
        *b1 = philoxAt(key, ctr, ((u64)lane << 32) | a, b2);
      });
      if (per == 4) x = (float)x;
      printf("%llx\n", (unsigned long long)smBits(x));
    }
    return 0;
  }
  if (argc == 13 && std::string_view(argv[1]) == "poisson") {
    u64 key = strtoull(argv[2], 0, 16), counter = strtoull(argv[3], 0, 16);
    long long n = atoll(argv[4]);
    PoissonLaw law = {hexDouble(argv[5]),  hexDouble(argv[6]),  hexDouble(argv[7]),  hexDouble(argv[8]),
                      hexDouble(argv[9]),  hexDouble(argv[10]), hexDouble(argv[11]), hexDouble(argv[12])};
    for (long long i = 0; i < n; i++) printf("%lld\n", smPoisson(law, Draws{key, counter + (u64)i}));
    return 0;
  }
  if (argc == 8 && std::string_view(argv[1]) == "pcg64") {
    U128 state = {strtoull(argv[2], 0, 16), strtoull(argv[3], 0, 16)};
    U128 inc = {strtoull(argv[4], 0, 16), strtoull(argv[5], 0, 16)};
    u64 draws = strtoull(argv[6], 0, 10), T = strtoull(argv[7], 0, 10);
    std::vector<u64> out(draws);
    for (u64 g = 0; g < T; g++) pcgDraws(g, T, draws, state, inc, [&](u64 i, u64 b) { out[i] = b; });
    for (u64 b : out) printf("%llx\n", b);
    return 0;
  }
  fprintf(stderr, "usage: strictmath_host log | poisson KEY COUNTER N LAW... | pcg64 SHI SLO IHI ILO DRAWS T\n");
  return 2;
}
