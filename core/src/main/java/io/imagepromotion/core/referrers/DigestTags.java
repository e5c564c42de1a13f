package io.imagepromotion.core.referrers;

import io.imagepromotion.core.ref.ImageReference;
import io.imagepromotion.core.registry.RegistryClient;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags of a repository that are named after a digest ({@code sha256-...}): referrers fallback tags and cosign's
 * {@code .sig/.att/.sbom} tags, for every digest of the repository at once, so one listing serves an image, its index
 * children and referrers of referrers.
 *
 * <p>Read with {@code tags/list?n=1000&last=sha256-}: a registry that lists tags in lexical order, as the spec
 * requires, answers from the first {@code sha256-} tag on, and one page holds every one of them unless the repository
 * has more than a thousand; a page that is full and still ends inside the range is followed by the next. distribution
 * 2.8.2 ignores {@code n} and {@code last} and answers every tag of the repository, unordered, in one page (measured):
 * still one request, filtered here.
 */
public final class DigestTags {
    static final String PREFIX = "sha256-";
    static final int PAGE = 1000;
    /** A repository with more digest tags than this is read no further (and the walk says so). */
    static final int MAX_PAGES = 20;

    private final Set<String> tags;
    private final int requests;

    private DigestTags(Set<String> tags, int requests) {
        this.tags = Collections.unmodifiableSet(tags);
        this.requests = requests;
    }

    public static DigestTags read(RegistryClient client, ImageReference repo) {
        Set<String> found = new LinkedHashSet<>();
        String last = PREFIX;
        int requests = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<String> answer = client.listTags(repo, PAGE, last);
            requests++;
            answer.stream().filter(t -> t.startsWith(PREFIX)).forEach(found::add);
            String end = answer.isEmpty() ? null : answer.get(answer.size() - 1);
            // Another page only when this one was full and, in lexical order, still inside the sha256- range.
            if (answer.size() < PAGE || end == null || !end.startsWith(PREFIX) || end.compareTo(last) <= 0) {
                break;
            }
            last = end;
        }
        return new DigestTags(found, requests);
    }

    public boolean contains(String tag) {
        return tags.contains(tag);
    }

    public Set<String> all() {
        return tags;
    }

    /** {@code tags/list} requests the read took. */
    public int requests() {
        return requests;
    }
}
