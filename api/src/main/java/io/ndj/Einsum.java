package io.ndj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy's {@code einsum} for subscripts of letters (explicit {@code ->} output or NumPy's implicit
 * one: the labels seen once, in alphabetical order). Each operand first takes its diagonals for
 * repeated labels and sums the labels no one else needs; then operands are contracted pairwise,
 * left to right, as one batched matmul each (labels of both operands kept by the output or a later
 * operand are the batch, labels of both that are needed no more are summed by the product). The
 * result has the operands' promoted dtype, as NumPy's: integers wrap, bool is any-of-and, float16
 * is computed in float32 and rounded once.
 */
final class Einsum {
  private Einsum() {}

  /** An operand with one label per axis. */
  private record Term(NdArray a, String labels) {}

  static NdArray einsum(String subscripts, NdArray... operands) {
    String s = subscripts.replace(" ", "");
    if (s.contains(".")) {
      Object[] expanded = expandEllipsis(s, operands);
      s = (String) expanded[0];
      operands = (NdArray[]) expanded[1];
    }
    String[] io = s.split("->", -1);
    if (io.length > 2) {
      throw new IllegalArgumentException("einstein sum subscripts string contains too many '->'");
    }
    String[] ins = io[0].split(",", -1);
    if (ins.length != operands.length) {
      throw new IllegalArgumentException(
          "more operands provided to einstein sum function than specified in the subscripts string");
    }
    StringBuilder seen = new StringBuilder();
    for (int k = 0; k < ins.length; k++) {
      String l = ins[k];
      for (char c : l.toCharArray()) {
        if (!Character.isLetter(c)) {
          throw new IllegalArgumentException(
              "invalid subscript '"
                  + c
                  + "' in einstein sum subscripts string, subscripts must be letters");
        }
      }
      if (l.length() != operands[k].ndim()) {
        throw new IllegalArgumentException(
            l.length() < operands[k].ndim()
                ? "operand has more dimensions than subscripts given in einstein sum, but no '...'"
                    + " ellipsis provided to broadcast the extra dimensions."
                : "einstein sum subscripts string contains too many subscripts for operand " + k);
      }
      seen.append(l);
    }
    String out;
    if (io.length == 2) {
      out = io[1];
      for (char c : out.toCharArray()) {
        if (seen.indexOf(String.valueOf(c)) < 0) {
          throw new IllegalArgumentException(
              "einstein sum subscripts string included output subscript '"
                  + c
                  + "' which never appeared in an input");
        }
        if (out.indexOf(c) != out.lastIndexOf(c)) {
          throw new IllegalArgumentException(
              "einstein sum subscripts string includes output subscript '"
                  + c
                  + "' multiple times");
        }
      }
    } else {
      StringBuilder implicit = new StringBuilder();
      seen.chars()
          .distinct()
          .sorted()
          .filter(c -> seen.chars().filter(x -> x == c).count() == 1)
          .forEach(c -> implicit.append((char) c));
      out = implicit.toString();
    }
    DType t = operands[0].dtype;
    for (NdArray a : operands) {
      t = DType.promote(t, a.dtype);
    }
    // bool runs as int64 counts (non-zero is true at the end); the sums of integers run in int64,
    // which wraps to t's width as NumPy's own accumulation does
    // float16 in float32, rounded once at the end (NumPy's half loops accumulate in float)
    DType work = t.isBool() ? DType.INT64 : t == DType.FLOAT16 ? DType.FLOAT32 : t;
    try (Scope scope = new Scope()) {
      List<Term> terms = new ArrayList<>();
      for (int k = 0; k < operands.length; k++) {
        NdArray a = operands[k];
        terms.add(diagonals(a.dtype == work ? a : a.astype(work), ins[k]));
      }
      checkSizes(terms);
      Term acc = terms.size() <= 2 ? inOrder(terms, out) : greedy(terms, out);
      acc = reduceUnneeded(acc, out);
      int[] perm = new int[out.length()];
      for (int i = 0; i < perm.length; i++) {
        perm[i] = acc.labels.indexOf(out.charAt(i));
      }
      NdArray r = out.isEmpty() ? acc.a : acc.a.transpose(perm);
      if (r.dtype == t && r.isCContiguous() && ownResult(r, operands)) {
        return scope.keep(r); // a product's own C-contiguous output: no copy (4 ms at 1024²)
      }
      return scope.keep(r.astype(t)); // astype makes a fresh C-contiguous copy
    }
  }

  /** Whether r's memory is none of the operands' (a result computed here, not a view of one). */
  private static boolean ownResult(NdArray r, NdArray[] operands) {
    for (NdArray a : operands) {
      if (a.storage == r.storage) {
        return false;
      }
    }
    return true;
  }

  /**
   * NumPy's {@code ...}: each operand's ellipsis becomes labels of its own, right-aligned across
   * operands (the broadcast batch axes); operands whose batch axes are 1 where another's are not
   * are broadcast to them; an implicit output is the batch axes then the labels that appear once.
   * Returns the explicit subscripts without ellipses and the operands.
   */
  private static Object[] expandEllipsis(String s, NdArray[] operands) {
    String[] io = s.split("->", -1);
    String[] ins = io[0].split(",", -1);
    if (io.length > 2) {
      throw new IllegalArgumentException("einstein sum subscripts string contains too many '->'");
    }
    if (ins.length != operands.length) {
      throw new IllegalArgumentException(
          "more operands provided to einstein sum function than specified in the subscripts string");
    }
    StringBuilder used = new StringBuilder(s);
    int[] batch = new int[ins.length];
    int most = 0;
    for (int k = 0; k < ins.length; k++) {
      String l = ins[k];
      int at = l.indexOf("...");
      String rest = at < 0 ? l : l.substring(0, at) + l.substring(at + 3);
      if (rest.contains(".")) {
        throw new IllegalArgumentException(
            "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...')"
                + " in operand "
                + k);
      }
      if (at < 0) {
        batch[k] = -1;
        continue;
      }
      batch[k] = operands[k].ndim() - rest.length();
      if (batch[k] < 0) {
        throw new IllegalArgumentException(
            "einstein sum subscripts string contains too many subscripts for operand " + k);
      }
      most = Math.max(most, batch[k]);
    }
    // fresh labels for the batch axes, letters no subscript uses
    StringBuilder fresh = new StringBuilder();
    for (char c = 'A'; fresh.length() < most && c <= 'z'; c++) {
      if (Character.isLetter(c) && used.indexOf(String.valueOf(c)) < 0) {
        fresh.append(c);
      }
    }
    if (fresh.length() < most) {
      throw new IllegalArgumentException("too many subscripts in einsum");
    }
    String[] labels = new String[ins.length];
    for (int k = 0; k < ins.length; k++) {
      labels[k] =
          batch[k] < 0 ? ins[k] : ins[k].replace("...", fresh.substring(most - batch[k], most));
    }
    String batchLabels = fresh.toString();
    String out;
    if (io.length == 2) {
      if (io[1].contains("...")) {
        out = io[1].replace("...", batchLabels);
      } else if (most > 0) {
        throw new IllegalArgumentException(
            "output has more dimensions than subscripts given in einstein sum, but no '...'"
                + " ellipsis provided to broadcast the extra dimensions.");
      } else {
        out = io[1];
      }
    } else {
      StringBuilder all = new StringBuilder();
      for (String l : labels) {
        all.append(l);
      }
      StringBuilder once = new StringBuilder();
      all.chars()
          .filter(c -> batchLabels.indexOf(c) < 0)
          .distinct()
          .sorted()
          .filter(c -> all.chars().filter(x -> x == c).count() == 1)
          .forEach(c -> once.append((char) c));
      out = batchLabels + once;
    }
    // the batch axes broadcast together: size 1 against n
    long[] size = new long[128];
    java.util.Arrays.fill(size, 1);
    boolean clash = false;
    for (int k = 0; k < ins.length; k++) {
      for (int i = 0; i < labels[k].length(); i++) {
        char c = labels[k].charAt(i);
        if (batchLabels.indexOf(c) < 0) {
          continue;
        }
        long n = operands[k].shape[i];
        if (n != 1 && size[c] != 1 && size[c] != n) {
          clash = true;
        }
        size[c] = Math.max(size[c], n);
      }
    }
    if (clash) {
      throw remappedShapes(labels, out, operands);
    }
    NdArray[] ops = operands.clone();
    for (int k = 0; k < ins.length; k++) {
      long[] to = operands[k].shape.clone();
      boolean grow = false;
      for (int i = 0; i < labels[k].length(); i++) {
        char c = labels[k].charAt(i);
        if (batchLabels.indexOf(c) >= 0 && to[i] != size[c]) {
          to[i] = size[c];
          grow = true;
        }
      }
      if (grow) {
        ops[k] = operands[k].broadcastTo(to);
      }
    }
    return new Object[] {String.join(",", labels) + "->" + out, ops};
  }

  /** NumPy's words when batch axes do not broadcast: each operand's shape over the iteration. */
  private static IllegalArgumentException remappedShapes(
      String[] labels, String out, NdArray[] operands) {
    StringBuilder order = new StringBuilder(out);
    for (String l : labels) {
      for (char c : l.toCharArray()) {
        if (order.indexOf(String.valueOf(c)) < 0) {
          order.append(c);
        }
      }
    }
    StringBuilder m =
        new StringBuilder(
            "operands could not be broadcast together with remapped shapes [original->remapped]: ");
    for (int k = 0; k < labels.length; k++) {
      m.append(Shape.format(operands[k].shape, ",")).append("->(");
      for (int i = 0; i < order.length(); i++) {
        int at = labels[k].indexOf(order.charAt(i));
        m.append(i > 0 ? "," : "")
            .append(at < 0 ? "newaxis" : String.valueOf(operands[k].shape[at]));
      }
      m.append(") ");
    }
    return new IllegalArgumentException(m.toString());
  }

  /** Two operands (or one): contracted as given. */
  private static Term inOrder(List<Term> terms, String out) {
    Term acc = reduceUnneeded(terms.get(0), needed(out, terms, 0));
    for (int k = 1; k < terms.size(); k++) {
      Term next = reduceUnneeded(terms.get(k), needed(out + acc.labels, terms, k));
      acc = contract(acc, next, needed(out, terms, k));
    }
    return acc;
  }

  /**
   * Three or more operands in NumPy's 'greedy' order: each step contracts the pair whose result is
   * smallest (its kept labels' sizes multiplied; ties to the earlier pair), so that 'ij,jk,kl' with
   * a thin middle never builds the big intermediate that left to right would.
   */
  private static Term greedy(List<Term> terms, String out) {
    List<Term> left = new ArrayList<>();
    for (int k = 0; k < terms.size(); k++) {
      left.add(reduceUnneeded(terms.get(k), othersAnd(out, terms, k)));
    }
    while (left.size() > 1) {
      int bi = 0;
      int bj = 1;
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < left.size(); i++) {
        for (int j = i + 1; j < left.size(); j++) {
          String keep = keptAfter(left, i, j, out);
          double size = 1;
          for (char c : keep.toCharArray()) {
            Term owner = left.get(i).labels.indexOf(c) >= 0 ? left.get(i) : left.get(j);
            size *= owner.a.shape[owner.labels.indexOf(c)];
          }
          if (size < best) {
            best = size;
            bi = i;
            bj = j;
          }
        }
      }
      String keep = keptAfter(left, bi, bj, out);
      Term merged = contract(left.get(bi), left.get(bj), keep);
      left.remove(bj);
      left.set(bi, merged);
    }
    return left.get(0);
  }

  /**
   * The labels of terms i and j still needed after contracting them: the output's and the others'.
   */
  private static String keptAfter(List<Term> left, int i, int j, String out) {
    StringBuilder b = new StringBuilder(out);
    for (int k = 0; k < left.size(); k++) {
      if (k != i && k != j) {
        b.append(left.get(k).labels);
      }
    }
    String need = b.toString();
    StringBuilder keep = new StringBuilder();
    for (char c : (left.get(i).labels + left.get(j).labels).toCharArray()) {
      if (need.indexOf(c) >= 0 && keep.indexOf(String.valueOf(c)) < 0) {
        keep.append(c);
      }
    }
    return keep.toString();
  }

  /** The output's labels and those of every term but k. */
  private static String othersAnd(String out, List<Term> terms, int k) {
    StringBuilder b = new StringBuilder(out);
    for (int j = 0; j < terms.size(); j++) {
      if (j != k) {
        b.append(terms.get(j).labels);
      }
    }
    return b.toString();
  }

  /** The labels needed after term k: the output's and those of every later term. */
  private static String needed(String out, List<Term> terms, int k) {
    StringBuilder b = new StringBuilder(out);
    for (int j = k + 1; j < terms.size(); j++) {
      b.append(terms.get(j).labels);
    }
    return b.toString();
  }

  /** NumPy's check that a label has one size in every operand. */
  private static void checkSizes(List<Term> terms) {
    long[] size = new long[128];
    Arrays.fill(size, -1);
    for (Term tm : terms) {
      for (int i = 0; i < tm.labels.length(); i++) {
        char c = tm.labels.charAt(i);
        long n = tm.a.shape[i];
        if (size[c] >= 0 && size[c] != n) {
          throw new IllegalArgumentException(
              "einstein sum subscript '"
                  + c
                  + "' has sizes "
                  + size[c]
                  + " and "
                  + n
                  + " in different operands");
        }
        size[c] = n;
      }
    }
  }

  /** A label repeated in one operand takes that diagonal (NumPy: 'ii->i'). */
  private static Term diagonals(NdArray a, String labels) {
    String l = labels;
    NdArray x = a;
    for (int i = 0; i < l.length(); i++) {
      int j = l.indexOf(l.charAt(i), i + 1);
      if (j > 0) {
        if (x.shape[i] != x.shape[j]) {
          throw new IllegalArgumentException(
              "dimensions in operand for collapsing index '"
                  + l.charAt(i)
                  + "' don't match ("
                  + x.shape[i]
                  + " != "
                  + x.shape[j]
                  + ")");
        }
        x = x.diagonal(0, i, j); // the diagonal becomes the last axis
        l = l.substring(0, i) + l.substring(i + 1, j) + l.substring(j + 1) + l.charAt(i);
        i = -1;
      }
    }
    return new Term(x, l);
  }

  /** Sums the axes whose labels are not in {@code keep}. */
  private static Term reduceUnneeded(Term tm, String keep) {
    List<Integer> axes = new ArrayList<>();
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < tm.labels.length(); i++) {
      if (keep.indexOf(tm.labels.charAt(i)) < 0) {
        axes.add(i);
      } else {
        rest.append(tm.labels.charAt(i));
      }
    }
    if (axes.isEmpty()) {
      return tm;
    }
    int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
    return new Term(tm.a.sum(ax), rest.toString());
  }

  /**
   * a times b as one batched matmul: batch labels (in both, still needed), a's own, the summed ones
   * (in both, needed no more), b's own; the result's labels are batch + a's own + b's own.
   */
  private static Term contract(Term x, Term y, String needed) {
    StringBuilder batch = new StringBuilder();
    StringBuilder sum = new StringBuilder();
    StringBuilder xo = new StringBuilder();
    StringBuilder yo = new StringBuilder();
    for (char c : x.labels.toCharArray()) {
      if (y.labels.indexOf(c) >= 0) {
        (needed.indexOf(c) >= 0 ? batch : sum).append(c);
      } else {
        xo.append(c);
      }
    }
    for (char c : y.labels.toCharArray()) {
      if (x.labels.indexOf(c) < 0) {
        yo.append(c);
      }
    }
    NdArray a = arrange(x, batch + "" + xo + sum);
    NdArray b = arrange(y, batch + "" + sum + yo);
    long[] bs = Arrays.copyOf(a.shape, batch.length());
    long m = prod(a.shape, batch.length(), batch.length() + xo.length());
    long k = prod(a.shape, batch.length() + xo.length(), a.ndim());
    long n = prod(b.shape, batch.length() + sum.length(), b.ndim());
    NdArray p = a.reshape(concat(bs, m, k)).matmul(b.reshape(concat(bs, k, n)));
    long[] shape = new long[bs.length + xo.length() + yo.length()];
    System.arraycopy(bs, 0, shape, 0, bs.length);
    for (int i = 0; i < xo.length(); i++) {
      shape[bs.length + i] = a.shape[batch.length() + i];
    }
    for (int i = 0; i < yo.length(); i++) {
      shape[bs.length + xo.length() + i] = b.shape[batch.length() + sum.length() + i];
    }
    return new Term(p.reshape(shape), batch + "" + xo + yo);
  }

  /** The term's axes in the order of {@code labels}. */
  private static NdArray arrange(Term tm, String labels) {
    int[] perm = new int[labels.length()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = tm.labels.indexOf(labels.charAt(i));
    }
    return perm.length == 0 ? tm.a : tm.a.transpose(perm);
  }

  private static long prod(long[] s, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p *= s[i];
    }
    return p;
  }

  private static long[] concat(long[] batch, long x, long y) {
    long[] r = Arrays.copyOf(batch, batch.length + 2);
    r[batch.length] = x;
    r[batch.length + 1] = y;
    return r;
  }
}
