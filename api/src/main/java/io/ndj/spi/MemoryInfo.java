package io.ndj.spi;

/**
 * A backend's memory, in bytes. {@code deviceFree}/{@code deviceTotal} are -1 where the backend
 * cannot tell.
 *
 * @param used bytes held by live buffers
 * @param cached bytes kept by the backend's pool for reuse
 * @param deviceFree free memory of the device
 * @param deviceTotal total memory of the device
 */
public record MemoryInfo(long used, long cached, long deviceFree, long deviceTotal) {}
