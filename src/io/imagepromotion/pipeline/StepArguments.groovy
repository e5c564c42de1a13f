package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The named arguments of one library step, checked against the keys that step allows.
 *
 * An unknown key is an error that names the key and the allowed keys; it is never ignored, so a misspelt key in a
 * Jenkinsfile fails before anything is resolved or promoted. A key given as {@code null} counts as absent, because
 * Jenkinsfiles often pass optional values straight from parameters.
 *
 * Pure logic: every method is {@code @NonCPS} (it calls no steps, so it runs natively, fast and without leaving
 * intermediate state in the persisted program). Serializable, like every library class, because instances may be
 * held by CPS code while the pipeline waits.
 */
class StepArguments implements Serializable {
    private static final long serialVersionUID = 1L

    /** How messages name these arguments, e.g. {@code promoteTo} or {@code promoteTo approval}. */
    final String stepName
    private final Map values

    private StepArguments(String stepName, Map values) {
        this.stepName = stepName
        this.values = values
    }

    /**
     * Checks that {@code raw} is a Map whose keys are all in {@code allowedKeys}.
     * @throws PromotionArgumentException naming every unknown key and listing the allowed ones
     */
    @NonCPS
    static StepArguments of(String stepName, Object raw, List<String> allowedKeys) {
        if (!(raw instanceof Map)) {
            throw new PromotionArgumentException(
                    "${stepName} takes named arguments (a Map such as [${allowedKeys.get(0)}: ...]), got ${describe(raw)}.")
        }
        Map given = (Map) raw
        List keys = new ArrayList(given.keySet())
        List<String> unknown = []
        Map copy = new LinkedHashMap()
        for (int i = 0; i < keys.size(); i++) {
            String key = String.valueOf(keys.get(i))
            if (!allowedKeys.contains(key)) {
                unknown.add(key)
            }
            copy.put(key, given.get(keys.get(i)))
        }
        if (!unknown.isEmpty()) {
            String names = quoted(unknown)
            String noun = unknown.size() == 1 ? 'argument' : 'arguments'
            throw new PromotionArgumentException(
                    "${stepName}: unknown ${noun} ${names}. Allowed arguments: ${allowedKeys.join(', ')}.")
        }
        return new StepArguments(stepName, copy)
    }

    @NonCPS
    boolean has(String key) {
        return values.get(key) != null
    }

    @NonCPS
    Object raw(String key) {
        return values.get(key)
    }

    @NonCPS
    String requiredString(String key) {
        if (!has(key)) {
            throw new PromotionArgumentException("${stepName}: '${key}' is required.")
        }
        return optionalString(key)
    }

    /** A non-blank string, trimmed; null when the key is absent. */
    @NonCPS
    String optionalString(String key) {
        Object value = values.get(key)
        if (value == null) {
            return null
        }
        if (!(value instanceof CharSequence)) {
            throw new PromotionArgumentException("${stepName}: '${key}' must be a String, got ${describe(value)}.")
        }
        String text = value.toString().trim()
        if (text.isEmpty()) {
            throw new PromotionArgumentException("${stepName}: '${key}' must not be empty.")
        }
        return text
    }

    @NonCPS
    boolean optionalBoolean(String key, boolean defaultValue) {
        Object value = values.get(key)
        if (value == null) {
            return defaultValue
        }
        if (!(value instanceof Boolean)) {
            throw new PromotionArgumentException(
                    "${stepName}: '${key}' must be true or false, got ${describe(value)}.")
        }
        return ((Boolean) value).booleanValue()
    }

    /** A whole number of at least 1; {@code defaultValue} when absent. Strings such as '2' are refused, not parsed. */
    @NonCPS
    Integer optionalPositiveInt(String key, Integer defaultValue) {
        Object value = values.get(key)
        if (value == null) {
            return defaultValue
        }
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short ||
                value instanceof Byte || value instanceof BigInteger
        if (!whole || value < 1 || value > Integer.MAX_VALUE) {
            throw new PromotionArgumentException(
                    "${stepName}: '${key}' must be a whole number of at least 1, got ${describe(value)}.")
        }
        return Integer.valueOf(((Number) value).intValue())
    }

    /**
     * A list of names given either as one comma-separated String or as a List of Strings; returned as one
     * comma-separated String without blanks, or null when absent.
     */
    @NonCPS
    String optionalNameList(String key) {
        Object value = values.get(key)
        if (value == null) {
            return null
        }
        List parts = []
        if (value instanceof CharSequence) {
            String[] split = value.toString().split(',')
            for (int i = 0; i < split.length; i++) {
                parts.add(split[i])
            }
        } else if (value instanceof List) {
            List list = (List) value
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof CharSequence)) {
                    throw new PromotionArgumentException(
                            "${stepName}: '${key}' must list names as Strings, got ${describe(list.get(i))}.")
                }
                parts.add(list.get(i).toString())
            }
        } else {
            throw new PromotionArgumentException(
                    "${stepName}: '${key}' must be a comma-separated String or a List of Strings, got ${describe(value)}.")
        }
        List<String> names = []
        for (int i = 0; i < parts.size(); i++) {
            String name = parts.get(i).toString().trim()
            if (!name.isEmpty()) {
                names.add(name)
            }
        }
        if (names.isEmpty()) {
            throw new PromotionArgumentException("${stepName}: '${key}' names nobody.")
        }
        return names.join(',')
    }

    /** Describes a value for an error message: its type and, for short values, the value itself. */
    @NonCPS
    static String describe(Object value) {
        if (value == null) {
            return 'null'
        }
        String type = value.getClass().getSimpleName()
        if (value instanceof Map) {
            return 'a Map'
        }
        if (value instanceof Collection) {
            int size = ((Collection) value).size()
            return size == 0 ? 'an empty List' : "a List of ${size}"
        }
        String text = String.valueOf(value)
        if (text.length() > 60) {
            text = text.substring(0, 57) + '...'
        }
        return "${type} '${text}'"
    }

    @NonCPS
    private static String quoted(List<String> names) {
        List<String> out = []
        for (int i = 0; i < names.size(); i++) {
            out.add("'" + names.get(i) + "'")
        }
        return out.join(', ')
    }
}
