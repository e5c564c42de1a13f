package io.imagepromotion.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Wall times of repeated runs, in seconds. */
final class Samples {
    private final List<Double> values = new ArrayList<>();

    void add(double seconds) {
        values.add(seconds);
    }

    int size() {
        return values.size();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return values.isEmpty() ? Double.NaN : Collections.min(values);
    }

    double max() {
        return values.isEmpty() ? Double.NaN : Collections.max(values);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    /** "0.123 (0.101–0.200)" in seconds, or milliseconds below 0.1 s for readability. */
    String describe() {
        return seconds(median()) + " (" + seconds(min()) + "–" + seconds(max()) + ")";
    }

    static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "–";
        }
        return s < 0.1 ? String.format(Locale.ROOT, "%.1f ms", s * 1000) : String.format(Locale.ROOT, "%.3f s", s);
    }
}
