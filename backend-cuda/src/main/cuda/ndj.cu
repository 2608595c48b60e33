// ndj's CUDA kernels. Every kernel takes runtime dtype and op codes (the table in ops.cuh, which Codes.java
// reads), uses 64-bit indices and grid-stride loops, and reads strided N-d views through a Geom passed by
// value. Floats compute in double and round once to the result dtype; integers
// compute in 64 bits and wrap to their width, as the SPI specifies.
// One .cuh per op family, each read by its Java class of the same family (Elementwise, Copies, Reductions,
// MatMul, Sorting, Indexing, RandomBits; linalg's small systems for CudaSolver). Op and dtype codes: ops.cuh.
#include "common.cuh"
#include "copies.cuh"
#include "elementwise.cuh"
#include "reduce.cuh"
#include "reduce_fast.cuh"
#include "matmul.cuh"
#include "random.cuh"
#include "sort.cuh"
#include "indexing.cuh"
#include "linalg.cuh"
