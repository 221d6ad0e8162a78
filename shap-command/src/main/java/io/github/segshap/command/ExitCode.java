package io.github.segshap.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process exit codes of both command lines, one meaning per code: the registry the help texts
 * ({@link #helpList()}) and the docs' table (docs/command-line.md) are made from. Codes 3 and above
 * are failures the user can fix; the message names the file, value or id.
 */
public enum ExitCode {
    /** Everything asked for was done. */
    SUCCESS(0, "success"),
    /** A bug: an error nobody named (the only case that prints a stack trace). */
    UNEXPECTED(1, "unexpected error (a bug: please report it with the stack trace)"),
    /** A command-line usage error: an unknown option, a bad value, options that do not go together. */
    USAGE(2, "usage error (unknown option, bad value, options that do not go together)"),
    /** An input (data folder, model, images, background, results folder) is missing or unreadable. */
    NO_INPUT(3, "an input (data folder, model, images, background) is missing, empty or unreadable"),
    /** The input data is unusable: wrong layout, rank or shape, NaN pixels, a background of another shape. */
    BAD_INPUT(4, "bad input data (folder layout, rank, shape, NaN pixels, background of another shape)"),
    /** The output folder or file cannot be created or written (also a full disk or a read-only file system). */
    OUTPUT_NOT_WRITABLE(5, "the output folder or file is not writable (permissions, full disk, read-only)"),
    /** A model problem: no model, not ONNX nor DL4J, channels or shapes it does not take, unknown names, nondeterministic. */
    MODEL(6, "model problem (none trained, unknown format, channels or size it does not take, nondeterministic)"),
    /** The output folder holds results made with another recipe (options, model or images): not mixed, not replaced. */
    OTHER_RECIPE(7, "the output folder holds results made with another recipe (options, model or images)"),
    /** A stage needs the results of an earlier stage that has not run in this output folder. */
    MISSING_STAGE(8, "an earlier stage's results are missing (e.g. report before train)"),
    /** Another run holds the output folder's lock (its process, command and start time are named). */
    LOCKED(9, "the output folder is in use by another run (its process, command and start time are named)"),
    /** A file of the output folder is damaged (it is named: delete it or run the stage that writes it). */
    CORRUPT_FILE(10, "a file of the output folder is damaged (it is named)"),
    /** Ids asked for (e.g. {@code --samples}) are not in the data, or are reserved names. */
    UNKNOWN_IDS(11, "ids asked for (e.g. --samples) are not in the data, or are reserved names"),
    /** The output folder holds files this program did not write (no marker of it): refused before anything changes. */
    FOREIGN_FOLDER(12, "the output folder holds files this program did not write (it is named with a few of them)"),
    /**
     * The Spark cluster could not run the job: its executors could not start, the connection to the
     * master or the driver was lost, or a task failed on every attempt (the job was aborted); the
     * cause and what to do are named. Images that fail alone are {@link #BAD_INPUT}.
     */
    CLUSTER(13, "the Spark cluster could not run the job (executors did not start, connection lost, job aborted)"),
    /** The Java heap is too small for the work: the message says how much it needs and how to give it ({@code -Xmx}). */
    NOT_ENOUGH_MEMORY(14, "not enough memory: the Java heap is too small (the message says how much to give with -Xmx)");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The process exit code. */
    public int code() {
        return code;
    }

    /** What the code means, one line, as help and the docs show it. */
    public String description() {
        return description;
    }

    /** The help section's list: code to description, in code order (picocli's {@code exitCodeList}). */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            list.put(Integer.toString(c.code), c.description);
        }
        return list;
    }

    /** The code of this number. */
    public static ExitCode of(int code) {
        for (ExitCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("no exit code " + code + " (the codes are " + helpList().keySet() + ")");
    }
}
