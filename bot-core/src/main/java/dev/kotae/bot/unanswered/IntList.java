package dev.kotae.bot.unanswered;

import java.util.Arrays;

/** A growable list of {@code int}s, without boxing. */
final class IntList {

	private int[] values;

	private int size;

	IntList() {
		this(4);
	}

	IntList(int capacity) {
		this.values = new int[Math.max(1, capacity)];
	}

	void add(int value) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = value;
	}

	int get(int i) {
		return this.values[i];
	}

	int size() {
		return this.size;
	}

	boolean isEmpty() {
		return this.size == 0;
	}

	void clear() {
		this.size = 0;
	}

	/** Removes the first occurrence of {@code value}, keeping the order of the others. */
	boolean remove(int value) {
		for (int i = 0; i < this.size; i++) {
			if (this.values[i] == value) {
				System.arraycopy(this.values, i + 1, this.values, i, this.size - i - 1);
				this.size--;
				return true;
			}
		}
		return false;
	}

	int[] toArray() {
		return Arrays.copyOf(this.values, this.size);
	}

}
