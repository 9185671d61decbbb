package dev.kotae.bot.nlu;

import java.util.concurrent.atomic.AtomicBoolean;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs ND4J's native code (its OpenMP pool and OpenBLAS) on one thread per call, once per process.
 * The classifier's matrices are small: on 2 cores one thread trains CLINC150 faster than two (26 s
 * against 37 s), and OpenMP threads that spin while the other core is busy — with web requests, or
 * a build — slowed training by up to 8×. Callers that use ND4J for something else share the setting.
 */
final class Nd4jThreads {

	private static final AtomicBoolean DONE = new AtomicBoolean();

	private Nd4jThreads() {
	}

	static void useOne() {
		if (DONE.compareAndSet(false, true)) {
			Nd4j.getEnvironment().setMaxThreads(1);
			Nd4j.getEnvironment().setMaxMasterThreads(1);
			Nd4j.factory().blas().setMaxThreads(1);
		}
	}

}
