/**
 * Reading and writing arrays in files other tools read: {@link io.github.segshap.core.io.Npy}
 * writes and reads NumPy {@code .npy} files (format 1.0, little-endian, C order), so every array
 * the project saves opens with {@code numpy.load}; {@link io.github.segshap.core.io.NpyArray} is
 * the immutable value a read returns and {@link io.github.segshap.core.io.NpyDType} the element
 * types supported. {@link io.github.segshap.core.io.ExplanationFolder} is the explanation folder
 * (NumPy arrays, the true masks as {@code truth.npy} when the explanations carry labels, checksums
 * and provenance in {@code explanation.json}), written atomically and read back exactly, its files
 * written by {@link io.github.segshap.core.io.ExplanationFolderWriter} one image at a time (an
 * {@link io.github.segshap.core.io.NpyAppender} per array: a {@code .npy} of known shape appended in
 * bounded memory, temp-then-rename);
 * {@link io.github.segshap.core.io.ProvenanceJson} is the one JSON form of a provenance; {@link io.github.segshap.core.io.AtomicFiles} writes files and folders so that a
 * reader never sees half of one.
 */
package io.github.segshap.core.io;
