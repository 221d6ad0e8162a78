package io.github.segshap.salt.train;

/**
 * The validation masks have no salt pixel, or nothing but salt: their ROC AUC, which picks the best
 * epoch and drives early stopping, is undefined. Raised before training starts, instead of
 * training on with a NaN score and reporting "best -Infinity".
 */
public final class UndefinedValidationAucException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UndefinedValidationAucException(String message) {
        super(message);
    }
}
