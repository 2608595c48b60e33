package io.ndj.linalg;

/**
 * NumPy's {@code numpy.linalg.LinAlgError}: a matrix the function cannot handle ("Singular matrix",
 * "Matrix is not positive definite", "SVD did not converge") or operands of the wrong rank or shape
 * ("Last 2 dimensions of the array must be square"). Like NumPy's, a kind of ValueError: it extends
 * {@link IllegalArgumentException}. No operand was changed.
 */
public final class LinAlgError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * An error with NumPy's message.
   *
   * @param message the message
   */
  public LinAlgError(String message) {
    super(message);
  }
}
