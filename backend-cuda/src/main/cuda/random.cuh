// ---- Philox4x32-10 (see io.ndj.spi.Philox) ----
extern "C" __global__ void k_philox(i64* out, i64 n, u64 key, u64 counter, i64 off, i64 stride) {
  GRID_LOOP(i, n) {
    u64 ctr = counter + (u64)i;
    unsigned k0 = (unsigned)key, k1 = (unsigned)(key >> 32);
    unsigned c0 = (unsigned)ctr, c1 = (unsigned)(ctr >> 32), c2 = 0, c3 = 0;
    for (int r = 0; r < 10; r++) {
      unsigned hi0 = __umulhi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
      unsigned hi1 = __umulhi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
      unsigned n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
      c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
      k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
    }
    out[off + i * stride] = (i64)(((u64)c0 << 32) | c1);
  }
}
