package io.ndj;

/**
 * What a {@code .npy} file's header says ({@link Nd#loadHeader}).
 *
 * @param dtype the elements' dtype
 * @param shape the array's shape
 */
public record NpyInfo(DType dtype, long[] shape) {}
