package io.ndj.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs the parts of one operation on every core: the calling thread and {@code cores - 1} daemon
 * workers. A worker that finishes spins for {@link #SPIN_NS} before it parks, so the next operation
 * of a loop of array operations finds it awake (as OpenMP's workers do): waking a parked thread
 * costs 50-100 us on a virtual machine, as long as a 1e6-element sum takes. Not longer: on two
 * cores a spinning worker starves the JIT's compiler thread (2 ms of spinning kept the float64
 * matmul kernel out of C2: 256x256 in 3.7 ms instead of 0.5). Parts are claimed from a shared
 * counter, so a late worker takes fewer. A call made inside a part, or while another thread's
 * operation holds the workers, runs on the common fork-join pool instead.
 */
public final class Workers {
  private static final long SPIN_NS = 100_000;
  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static final Worker[] WORKERS = new Worker[Loop.CORES - 1];
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

  /**
   * The operation being run, or null; its generation tells workers a new one from the one they last
   * ran.
   */
  private static volatile Job current;

  static {
    for (int i = 0; i < WORKERS.length; i++) {
      WORKERS[i] = new Worker("ndj-cpu-" + (i + 1));
      WORKERS[i].start();
    }
  }

  private Workers() {}

  /**
   * Runs {@code part.accept(p)} for p in [0, parts), in parallel, and returns when all have
   * finished.
   */
  public static void run(int parts, IntConsumer part) {
    if (parts == 1) {
      part.accept(0);
      return;
    }
    if (WORKERS.length == 0 || INSIDE.get() || !BUSY.compareAndSet(false, true)) {
      IntStream.range(0, parts).parallel().forEach(part);
      return;
    }
    Job job = new Job(parts, part);
    try {
      current = job;
      for (Worker w : WORKERS) {
        if (w.parked) {
          LockSupport.unpark(w);
        }
      }
      INSIDE.set(true);
      try {
        job.work();
      } finally {
        INSIDE.set(false);
      }
      // the other parts are running: wait for them without giving up the core
      while (job.done.get() < parts) {
        Thread.onSpinWait();
      }
    } finally {
      current = null;
      BUSY.set(false);
    }
    if (job.failure != null) {
      if (job.failure instanceof RuntimeException e) {
        throw e;
      }
      if (job.failure instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(job.failure);
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong GENERATIONS =
      new java.util.concurrent.atomic.AtomicLong();

  private static final class Job {
    /** Tells a worker a new job from the one it last ran, without holding on to that one. */
    final long generation = GENERATIONS.incrementAndGet();

    final int parts;
    final IntConsumer part;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    volatile Throwable failure;

    Job(int parts, IntConsumer part) {
      this.parts = parts;
      this.part = part;
    }

    void work() {
      for (int p; (p = next.getAndIncrement()) < parts; ) {
        try {
          if (failure == null) {
            part.accept(p);
          }
        } catch (Throwable t) {
          failure = t;
        } finally {
          done.incrementAndGet();
        }
      }
    }
  }

  private static final class Worker extends Thread {
    volatile boolean parked;

    Worker(String name) {
      super(name);
      setDaemon(true);
    }

    @Override
    public void run() {
      INSIDE.set(true);
      // the generation, not the job: a job's part holds the operation's buffers (a closed 2 GiB
      // result stayed reachable from an idle worker until the next operation)
      long last = 0;
      long idleSince = System.nanoTime();
      while (true) {
        Job job = current;
        if (job != null && job.generation != last) {
          last = job.generation;
          job.work();
          job = null;
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NS) {
          // a pause, not a yield: yielding (a system call each time) slowed the other core's thread
          // 5x here (a
          // 256x256 float32 matmul 0.27 -> 1.6 ms), as if the two virtual cores shared one physical
          // one
          Thread.onSpinWait();
        } else {
          parked = true;
          // a job published before the flag was set is seen here; one published after it unparks
          // this thread
          Job now = current;
          if (now == null || now.generation == last) {
            now = null;
            LockSupport.park(this);
          }
          parked = false;
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
