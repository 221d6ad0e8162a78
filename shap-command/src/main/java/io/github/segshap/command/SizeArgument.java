package io.github.segshap.command;

/**
 * A two-dimensional size given on the command line as {@code H} or {@code H,W} (a tile, a stride):
 * one parser for both programs, so the flags that take one read it the same way.
 */
public final class SizeArgument {
    /** The value label of such an option. */
    public static final String LABEL = "H[,W]";

    private SizeArgument() {
    }

    /**
     * Parses {@code H} (square) or {@code H,W}, both positive whole numbers.
     *
     * @param text the option's value
     * @param option the option's name, for the message
     * @return {@code {height, width}}
     * @throws CommandException ({@link ExitCode#USAGE}) naming the option and the value otherwise
     */
    public static int[] parse(String text, String option) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 1 || parts.length == 2) {
                int h = Integer.parseInt(parts[0].trim());
                int w = Integer.parseInt(parts[parts.length - 1].trim());
                if (h >= 1 && w >= 1) {
                    return new int[] {h, w};
                }
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new CommandException(ExitCode.USAGE, option + " must be H or H,W with positive whole numbers, got '" + text
                + "'");
    }
}
