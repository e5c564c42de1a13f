package io.imagepromotion.core.ref;

import io.imagepromotion.core.digest.Digest;
import io.imagepromotion.core.error.InvalidInputException;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference following the grammar of distribution's {@code reference} package:
 * {@code [host[:port]/]path[:tag][@digest]}.
 *
 * <p>Normalization follows Docker: the first path component is a registry when it contains {@code .} or {@code :},
 * is {@code localhost}, or is a bracketed IPv6 literal; otherwise the image is on Docker Hub ({@code docker.io}), and
 * single-component Hub names live under {@code library/}. A reference without tag or digest means {@code :latest}.
 *
 * @param registry   registry as users write it, lower-cased host with optional port ({@code docker.io} for Hub); a
 *                   single-label host without port that only its upper case marks as a registry keeps its case
 * @param repository repository path, e.g. {@code library/nginx}
 * @param tag        tag, or {@code null} when the reference is by digest only
 * @param digest     digest, or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
    public static final String DOCKER_HUB = "docker.io";
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";
    private static final int MAX_NAME_LENGTH = 255;

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+(?:%[0-9a-zA-Z._~-]+)?");

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            throw new IllegalArgumentException("a reference needs a tag or a digest");
        }
    }

    /** Parses a reference; the exception names the part that is wrong. */
    public static ImageReference parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidReferenceException(String.valueOf(input), "it is empty; expected e.g. registry.example.com/team/app:1.0");
        }
        if (!input.equals(input.strip())) {
            throw new InvalidReferenceException(input, "it has leading or trailing white space");
        }
        if (input.contains("://")) {
            throw new InvalidReferenceException(input, "remove the scheme; write host[:port]/repository[:tag][@digest]");
        }
        String rest = input;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            String digestText = rest.substring(at + 1);
            rest = rest.substring(0, at);
            try {
                digest = Digest.parse(digestText);
            } catch (InvalidInputException e) {
                throw new InvalidReferenceException(input, e.getMessage());
            }
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidReferenceException(input, "tag '" + tag
                        + "' must be 1-128 characters of letters, digits, '_', '.' or '-', not starting with '.' or '-'");
            }
        }
        if (rest.isEmpty()) {
            throw new InvalidReferenceException(input, "the repository name is missing");
        }
        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (slash >= 0 && looksLikeRegistry(first)) {
            registry = validateRegistry(input, first);
            path = rest.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            path = rest;
        }
        if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API_HOST)) {
            registry = DOCKER_HUB;
        }
        if (path.isEmpty()) {
            throw new InvalidReferenceException(input, "the repository name is missing after the registry");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw new InvalidReferenceException(input, "the repository path has an empty component ('//' or a trailing '/')");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                String lower = component.toLowerCase(Locale.ROOT);
                String hint = !lower.equals(component) && PATH_COMPONENT.matcher(lower).matches()
                        ? "repository names must be lower case (try '" + lower + "')"
                        : "path component '" + component
                        + "' may contain only a-z, 0-9 and single separators ('.', '_', '__', '-') between them";
                throw new InvalidReferenceException(input, hint);
            }
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        int nameLength = (registry.equals(DOCKER_HUB) ? 0 : registry.length() + 1) + path.length();
        if (nameLength > MAX_NAME_LENGTH) {
            throw new InvalidReferenceException(input, "the name is " + nameLength + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, path, tag, digest);
    }

    private static boolean looksLikeRegistry(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    private static String validateRegistry(String input, String registry) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            if (close < 0) {
                throw new InvalidReferenceException(input, "IPv6 registry address '" + registry + "' lacks a closing ']'");
            }
            host = registry.substring(0, close + 1);
            String literal = registry.substring(1, close);
            if (!IPV6.matcher(literal).matches() || !literal.contains(":")) {
                throw new InvalidReferenceException(input, "'" + literal + "' is not an IPv6 address");
            }
            String after = registry.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new InvalidReferenceException(input, "unexpected '" + after + "' after the IPv6 address");
                }
                port = after.substring(1);
            }
        } else {
            int colon = registry.indexOf(':');
            if (colon >= 0) {
                host = registry.substring(0, colon);
                port = registry.substring(colon + 1);
            }
            if (host.isEmpty()) {
                throw new InvalidReferenceException(input, "the registry host is empty");
            }
            for (String component : host.split("\\.", -1)) {
                if (!DOMAIN_COMPONENT.matcher(component).matches()) {
                    throw new InvalidReferenceException(input, "registry host '" + host
                            + "' is not a valid host name or IPv4 address");
                }
            }
        }
        if (port != null) {
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
                throw new InvalidReferenceException(input, "registry port '" + port + "' must be a number from 1 to 65535");
            }
        }
        String lower = registry.toLowerCase(Locale.ROOT);
        if (port == null && !registry.startsWith("[") && !host.contains(".") && !lower.equals("localhost")) {
            // Recognised as a registry only by its upper case (Docker's rule): lower-cased it would print as a Docker
            // Hub name, so toString() would name another image. Kept as written, as distribution keeps domains.
            return registry;
        }
        return lower;
    }

    /** The host and port requests go to: Docker Hub's API host for {@code docker.io}. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
    }

    /** The host name alone, without port or IPv6 brackets. */
    public String hostName() {
        String host = registry;
        if (host.startsWith("[")) {
            return host.substring(1, host.indexOf(']'));
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** {@code registry/repository}, the name without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The tag, or the digest when there is no tag, as used in a manifest URL. */
    public String manifestReference() {
        return digest != null ? digest.toString() : tag;
    }

    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, null, newDigest);
    }

    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, newTag, null);
    }

    public boolean sameRegistry(ImageReference other) {
        return apiHost().equals(other.apiHost());
    }

    public boolean sameRepository(ImageReference other) {
        return sameRegistry(other) && repository.equals(other.repository);
    }

    /** Short label for logs and Jenkins step labels: last path component plus tag or short digest. */
    public String shortLabel() {
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        return digest != null ? last + "@" + digest.shortForm() : last + ":" + tag;
    }

    // Written out: a record's generated equals/hashCode are bootstrapped by invokedynamic at first use, which costs a
    // fresh CLI process several milliseconds for each record type.
    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference r && registry.equals(r.registry) && repository.equals(r.repository)
                && Objects.equals(tag, r.tag) && Objects.equals(digest, r.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name());
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }
}
