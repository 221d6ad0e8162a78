package io.github.segshap.core;

/**
 * Checks of public arguments that fail with an {@link IllegalArgumentException} naming the
 * argument, the exception every bad input to segshap gets (a {@code NullPointerException} would not
 * say which of several arguments was missing to a caller reading only the message).
 */
public final class Arguments {
    private Arguments() {
    }

    /**
     * Returns {@code value}, or throws when it is null.
     *
     * @param value the argument
     * @param name  its name, as the caller knows it (e.g. {@code "model"})
     * @throws IllegalArgumentException "{@code name} must not be null"
     */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
