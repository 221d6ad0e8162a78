/**
 * File helpers every stage of the salt example shares, written once:
 * {@link io.github.segshap.salt.io.JsonFiles} reads and writes the run folder's JSON files as
 * Jackson-bound records with one key style (snake_case), atomically, and
 * {@link io.github.segshap.salt.io.FileTrees} deletes folder trees.
 */
package io.github.segshap.salt.io;
