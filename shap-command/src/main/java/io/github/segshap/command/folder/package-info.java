/**
 * Output folders that are one program's alone: {@link io.github.segshap.command.folder.OutputFolder}
 * (the ownership marker and the check before a byte changes) and
 * {@link io.github.segshap.command.folder.RunLock} (one run at a time per folder, a dead holder's lock
 * taken over). Both command lines claim their {@code --out} here.
 */
package io.github.segshap.command.folder;
