/**
 * The TGS salt example: one sub-package per step of the study ({@code data}, {@code pipeline},
 * {@code train}, {@code explain}, {@code report}), {@code workflow} wiring them on one run folder and
 * {@code cli} the command line. {@link io.github.segshap.salt.SaltDefaults} holds the defaults they
 * share.
 */
package io.github.segshap.salt;
