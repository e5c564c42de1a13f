package io.imagepromotion.core.promote;

import io.imagepromotion.core.error.TransportException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs registry requests of one promotion a bounded number at a time, on one pool that lives as long as the promotion.
 * Round trips to a registry are latency, not work, so independent requests overlap; the bound keeps a registry from
 * seeing more than {@code limit} requests of ours at once.
 */
final class ConcurrentRequests implements AutoCloseable {
    private final int limit;
    private ExecutorService pool;

    ConcurrentRequests(int limit) {
        this.limit = limit;
    }

    /**
     * Applies {@code request} to every item, concurrently, and returns the results in the order of the items. The
     * first failure to happen is thrown as it is, and the requests still running or waiting are cancelled.
     */
    <T, R> List<R> each(List<T> items, Function<T, R> request) {
        if (items.size() <= 1) {
            // Nothing to overlap: no thread hand-off.
            return items.stream().map(request).toList();
        }
        CompletionService<Object> completions = new ExecutorCompletionService<>(pool());
        List<Future<Object>> futures = new ArrayList<>(items.size());
        Object[] results = new Object[items.size()];
        for (int i = 0; i < items.size(); i++) {
            int slot = i;
            futures.add(completions.submit(() -> results[slot] = request.apply(items.get(slot))));
        }
        try {
            for (int i = 0; i < items.size(); i++) {
                completions.take().get();
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new TransportException("registry request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for registry requests", e);
        }
        @SuppressWarnings("unchecked")
        List<R> inOrder = (List<R>) Arrays.asList(results);
        return inOrder;
    }

    private ExecutorService pool() {
        if (pool == null) {
            // Threads start as work arrives, up to the limit; daemons, so a stuck request cannot keep the JVM alive.
            pool = Executors.newFixedThreadPool(limit, r -> {
                Thread t = new Thread(r, "registry-request");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
