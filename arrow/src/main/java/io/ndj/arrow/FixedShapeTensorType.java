package io.ndj.arrow;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Arrow's canonical extension type {@code arrow.fixed_shape_tensor}: each row a tensor of one
 * shape, stored as a FixedSizeList of the shape's element count, the shape in the metadata as JSON
 * ({@code {"shape":[2,3]}}). pyarrow reads it as {@code pa.fixed_shape_tensor}; Arrow Java 19 has
 * no class for it, so ndj registers this one.
 */
public final class FixedShapeTensorType extends ArrowType.ExtensionType {
  /** The extension's name in Arrow's metadata. */
  public static final String EXTENSION_NAME = "arrow.fixed_shape_tensor";

  private static final Pattern SHAPE = Pattern.compile("\"shape\"\\s*:\\s*\\[([^\\]]*)\\]");

  static {
    ExtensionTypeRegistry.register(new FixedShapeTensorType(new long[] {1}));
  }

  private final long[] shape;

  /**
   * A tensor type of {@code shape} (each row's shape, C order); the element type is the storage
   * list's child's.
   *
   * @throws IllegalArgumentException for a negative dimension
   */
  public FixedShapeTensorType(long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
    }
    this.shape = shape.clone();
  }

  /** Registers the type with Arrow, so that readers of IPC files and schemas recognise it. */
  static void register() {
    // the static initialiser above runs once
  }

  /** Each row's shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** Elements per row. */
  public int listSize() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return Math.toIntExact(n);
  }

  @Override
  public ArrowType storageType() {
    return new ArrowType.FixedSizeList(listSize());
  }

  @Override
  public String extensionName() {
    return EXTENSION_NAME;
  }

  @Override
  public boolean extensionEquals(ArrowType.ExtensionType other) {
    return other instanceof FixedShapeTensorType t && Arrays.equals(t.shape, shape);
  }

  @Override
  public String serialize() {
    StringBuilder b = new StringBuilder("{\"shape\":[");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? "," : "").append(shape[i]);
    }
    return b.append("]}").toString();
  }

  @Override
  public ArrowType deserialize(ArrowType storageType, String serializedData) {
    Matcher m = SHAPE.matcher(serializedData);
    if (!m.find()) {
      throw new IllegalArgumentException(
          EXTENSION_NAME + " metadata without a shape: " + serializedData);
    }
    String body = m.group(1).strip();
    long[] sh =
        body.isEmpty()
            ? new long[0]
            : Arrays.stream(body.split(",")).mapToLong(s -> Long.parseLong(s.strip())).toArray();
    if (serializedData.contains("\"permutation\"")) {
      throw new UnsupportedOperationException(
          EXTENSION_NAME + " with a permutation is not supported: " + serializedData);
    }
    return new FixedShapeTensorType(sh);
  }

  @Override
  public FieldVector getNewVector(String name, FieldType fieldType, BufferAllocator allocator) {
    return new Vector(
        name,
        allocator,
        new FixedSizeListVector(name, allocator, FieldType.nullable(storageType()), null),
        fieldType);
  }

  /** A column of fixed-shape tensors over its FixedSizeList storage. */
  public static final class Vector extends ExtensionTypeVector<FixedSizeListVector> {
    private final FieldType fieldType;

    Vector(
        String name, BufferAllocator allocator, FixedSizeListVector storage, FieldType fieldType) {
      super(name, allocator, storage);
      this.fieldType = fieldType;
    }

    /** The tensor type over the storage's children (the element field). */
    @Override
    public org.apache.arrow.vector.types.pojo.Field getField() {
      return new org.apache.arrow.vector.types.pojo.Field(
          getName(), fieldType, getUnderlyingVector().getField().getChildren());
    }

    @Override
    public Object getObject(int index) {
      return getUnderlyingVector().getObject(index);
    }

    @Override
    public int hashCode(int index) {
      return getUnderlyingVector().hashCode(index);
    }

    @Override
    public int hashCode(int index, org.apache.arrow.memory.util.hash.ArrowBufHasher hasher) {
      return getUnderlyingVector().hashCode(index, hasher);
    }
  }
}
