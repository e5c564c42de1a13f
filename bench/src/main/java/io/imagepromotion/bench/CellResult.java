package io.imagepromotion.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** One tool's runs of one image and scenario: times and the request counts from the access logs. */
final class CellResult {
    final Samples times = new Samples();
    final List<RequestCount> requests = new ArrayList<>();

    void add(double seconds, RequestCount count) {
        times.add(seconds);
        requests.add(count);
    }

    /** "13" when every run made the same number of requests, "13–15" otherwise. */
    String requestRange() {
        int min = requests.stream().mapToInt(RequestCount::total).min().orElse(-1);
        int max = requests.stream().mapToInt(RequestCount::total).max().orElse(-1);
        return min == max ? Integer.toString(min) : min + "–" + max;
    }

    int maxRequests() {
        return requests.stream().mapToInt(RequestCount::total).max().orElse(-1);
    }

    /** The distinct breakdowns seen (normally one). */
    String breakdowns() {
        return requests.stream().map(RequestCount::describe).distinct().collect(Collectors.joining(" | "));
    }
}
