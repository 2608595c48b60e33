package io.ndj.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@link Sweep}'s chart as PNG, drawn with Java2D (loaded only where the JDK has the desktop
 * module: the GPU machine's small runtime has not, and gets SVG).
 */
final class PngChart {
  private PngChart() {}

  static void write(Path file, Map<String, List<Sweep.Curve>> groups) throws IOException {
    int rows = (groups.size() + Sweep.COLS - 1) / Sweep.COLS;
    int w = Sweep.PANEL_W;
    int h = Sweep.PANEL_H;
    BufferedImage img =
        new BufferedImage(w * Sweep.COLS, h * Math.max(1, rows), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int k = 0;
    for (var e : groups.entrySet()) {
      int ox = (k % Sweep.COLS) * w;
      int oy = (k / Sweep.COLS) * h;
      Sweep.Frame f = Sweep.Frame.of(e.getValue());
      g.setColor(Color.BLACK);
      g.drawString(e.getKey() + ": ms against elements (log-log)", ox + 50, oy + 18);
      g.setColor(Color.GRAY);
      g.drawRect(ox + 50, oy + 30, w - 70, h - 60);
      for (int d = (int) f.x0(); d <= f.x1(); d++) {
        g.drawString("1e" + d, (int) (ox + f.px((long) Math.pow(10, d), w)) - 8, oy + h - 14);
      }
      for (int d = (int) f.y0(); d <= f.y1(); d++) {
        g.drawString("1e" + d + " ms", ox + 4, (int) (oy + f.py(Math.pow(10, d), h)) + 4);
      }
      int i = 0;
      for (Sweep.Curve c : e.getValue()) {
        g.setColor(Color.decode(Sweep.COLOURS[i % Sweep.COLOURS.length]));
        g.setStroke(new BasicStroke(2f));
        Path2D.Double line = new Path2D.Double();
        boolean first = true;
        for (var p : c.ms().entrySet()) {
          double x = ox + f.px(p.getKey(), w);
          double y = oy + f.py(p.getValue(), h);
          if (first) {
            line.moveTo(x, y);
            first = false;
          } else {
            line.lineTo(x, y);
          }
          g.fillOval((int) x - 3, (int) y - 3, 6, 6);
        }
        g.draw(line);
        g.drawString(c.series(), ox + 60 + i * 80, oy + h - 38);
        i++;
      }
      k++;
    }
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
  }
}
