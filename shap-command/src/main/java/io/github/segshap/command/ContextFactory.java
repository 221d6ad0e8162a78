package io.github.segshap.command;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import picocli.CommandLine;

/**
 * A picocli factory that hands a program's context (its console, hooks, ...) to every command or
 * mixin with a constructor of exactly the context type, so that subcommands need neither
 * {@code @ParentCommand} nor a reference to the program's class; other classes come from picocli's
 * default factory.
 *
 * @param <C> the context type
 */
public final class ContextFactory<C> implements CommandLine.IFactory {
    private final Class<C> type;
    private final C context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    /**
     * @param type    the context's type, as the constructors declare it
     * @param context the context passed to them
     */
    public ContextFactory(Class<C> type, C context) {
        this.type = Objects.requireNonNull(type, "type");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The context this factory passes. */
    public C context() {
        return context;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        for (Constructor<?> c : cls.getDeclaredConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length == 1 && p[0] == type) {
                c.setAccessible(true);
                try {
                    return cls.cast(c.newInstance(context));
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        return fallback.create(cls);
    }
}
