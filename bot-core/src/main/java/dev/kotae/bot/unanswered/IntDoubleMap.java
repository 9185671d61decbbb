package dev.kotae.bot.unanswered;

import java.util.Arrays;

/**
 * A hash map from non-negative {@code int} keys to {@code double} values (open addressing, linear
 * probing), for a cluster centroid's term weights.
 */
final class IntDoubleMap {

	private static final int FREE = -1;

	private int[] keys;

	private double[] values;

	private int size;

	IntDoubleMap() {
		this.keys = new int[16];
		Arrays.fill(this.keys, FREE);
		this.values = new double[16];
	}

	int size() {
		return this.size;
	}

	double get(int key) {
		int mask = this.keys.length - 1;
		for (int slot = mix(key) & mask;; slot = (slot + 1) & mask) {
			int k = this.keys[slot];
			if (k == key) {
				return this.values[slot];
			}
			if (k == FREE) {
				return 0;
			}
		}
	}

	boolean containsKey(int key) {
		int mask = this.keys.length - 1;
		for (int slot = mix(key) & mask;; slot = (slot + 1) & mask) {
			int k = this.keys[slot];
			if (k == key) {
				return true;
			}
			if (k == FREE) {
				return false;
			}
		}
	}

	/** Adds {@code delta} to the value of {@code key} (0 when absent) and returns the old value. */
	double add(int key, double delta) {
		int mask = this.keys.length - 1;
		for (int slot = mix(key) & mask;; slot = (slot + 1) & mask) {
			int k = this.keys[slot];
			if (k == key) {
				double old = this.values[slot];
				this.values[slot] = old + delta;
				return old;
			}
			if (k == FREE) {
				this.keys[slot] = key;
				this.values[slot] = delta;
				if (++this.size * 2 > this.keys.length) {
					grow();
				}
				return 0;
			}
		}
	}

	/** Calls {@code action} with every entry, in no particular order. */
	void forEach(Entry action) {
		for (int slot = 0; slot < this.keys.length; slot++) {
			if (this.keys[slot] != FREE) {
				action.accept(this.keys[slot], this.values[slot]);
			}
		}
	}

	/** The sum of the squared values. */
	double squaredNorm() {
		double norm = 0;
		for (int slot = 0; slot < this.keys.length; slot++) {
			if (this.keys[slot] != FREE) {
				norm += this.values[slot] * this.values[slot];
			}
		}
		return norm;
	}

	/** The keys of the {@code n} largest values, largest first. */
	int[] topKeys(int n) {
		int[] allKeys = new int[this.size];
		double[] allValues = new double[this.size];
		int i = 0;
		for (int slot = 0; slot < this.keys.length; slot++) {
			if (this.keys[slot] != FREE) {
				allKeys[i] = this.keys[slot];
				allValues[i++] = this.values[slot];
			}
		}
		Integer[] order = new Integer[this.size];
		for (int j = 0; j < order.length; j++) {
			order[j] = j;
		}
		Arrays.sort(order, (a, b) -> (allValues[a] != allValues[b]) ? Double.compare(allValues[b], allValues[a])
				: Integer.compare(allKeys[a], allKeys[b]));
		int[] top = new int[Math.min(n, this.size)];
		for (int j = 0; j < top.length; j++) {
			top[j] = allKeys[order[j]];
		}
		return top;
	}

	private void grow() {
		int[] oldKeys = this.keys;
		double[] oldValues = this.values;
		this.keys = new int[oldKeys.length * 2];
		Arrays.fill(this.keys, FREE);
		this.values = new double[oldKeys.length * 2];
		int mask = this.keys.length - 1;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != FREE) {
				int slot = mix(oldKeys[i]) & mask;
				while (this.keys[slot] != FREE) {
					slot = (slot + 1) & mask;
				}
				this.keys[slot] = oldKeys[i];
				this.values[slot] = oldValues[i];
			}
		}
	}

	private static int mix(int key) {
		int h = key * 0x9E3779B9;
		return h ^ (h >>> 16);
	}

	/** One entry of the map. */
	@FunctionalInterface
	interface Entry {

		void accept(int key, double value);

	}

}
