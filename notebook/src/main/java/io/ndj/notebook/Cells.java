package io.ndj.notebook;

/**
 * Where a cell's last value crosses from the evaluated code to the kernel, and what notebook code
 * calls to show rich output ({@code Cells.html(...)}, {@code Cells.svg(...)}). Loaded once, by the
 * class loader both share.
 */
public final class Cells {
  private Cells() {}

  /** The value of the expression that ended the last cell; the kernel reads and clears it. */
  public static volatile Object last;

  /** HTML to show as a cell's value. */
  public record Html(String html) {}

  /** An SVG image to show as a cell's value. */
  public record Svg(String svg) {}

  /** Shows {@code html} as the cell's value when it ends the cell. */
  public static Html html(String html) {
    return new Html(html);
  }

  /** Shows an SVG image as the cell's value when it ends the cell. */
  public static Svg svg(String svg) {
    return new Svg(svg);
  }
}
