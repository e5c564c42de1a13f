package io.imagepromotion.pipeline

import com.cloudbees.groovy.cps.NonCPS

/**
 * The promotions this run has completed, kept in the run's environment variable {@value #ENV_VARIABLE}.
 *
 * Why an environment variable: the record must be shared by every library entry point of one run and survive a
 * controller restart while the run waits for approval. {@code env} is one per run, persisted with the build, and
 * reachable from every script. Objects in a global variable's binding are not shared: Jenkins gives each
 * {@code vars/} script its own Binding. Static fields do not survive a restart.
 *
 * The record is a convenience for the promotion gate, not evidence: the Jenkinsfile can write {@code env} too. The
 * plugin's build action (and, later, the promotion ledger) is the authoritative history.
 *
 * {@link EnvironmentPromotion} reads and writes the variable; this class only encodes and decodes it.
 *
 * Format: records separated by single spaces; each record is
 * {@code environment;target;reference;digest;approver,approver} with every field URL-encoded (UTF-8), so no field
 * can contain a separator.
 *
 * <p>Pure logic: every method is {@code @NonCPS} (no step calls); see {@link StepArguments}.
 */
class PromotionRecords implements Serializable {
    private static final long serialVersionUID = 1L

    static final String ENV_VARIABLE = 'IMAGE_PROMOTION_RECORDS'

    private PromotionRecords() {
    }

    /** The most recent record of {@code digest} going to {@code reference}, or null. */
    @NonCPS
    static PromotionRecord find(List<PromotionRecord> records, String reference, String digest) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).promoted(reference, digest)) {
                return records.get(i)
            }
        }
        return null
    }

    /** Records as plain Maps, so Jenkinsfiles never hold library types. */
    @NonCPS
    static List<Map> asMaps(List<PromotionRecord> records) {
        List<Map> maps = []
        for (int i = 0; i < records.size(); i++) {
            maps.add(records.get(i).asMap())
        }
        return maps
    }

    @NonCPS
    static String encode(List<PromotionRecord> records) {
        List<String> encoded = []
        for (int i = 0; i < records.size(); i++) {
            PromotionRecord r = records.get(i)
            List<String> approvers = []
            for (int j = 0; j < r.approvedBy.size(); j++) {
                approvers.add(escape(r.approvedBy.get(j)))
            }
            encoded.add([escape(r.environment), escape(r.target), escape(r.reference), escape(r.digest),
                         approvers.join(',')].join(';'))
        }
        return encoded.join(' ')
    }

    /** {@code encoded} (the variable's value, null when unset) with {@code record} added at the end. */
    @NonCPS
    static String append(Object encoded, PromotionRecord record) {
        List<PromotionRecord> records = decode(encoded)
        records.add(record)
        return encode(records)
    }

    @NonCPS
    static List<PromotionRecord> decode(Object encoded) {
        List<PromotionRecord> records = []
        if (encoded == null || encoded.toString().trim().isEmpty()) {
            return records
        }
        String[] entries = encoded.toString().trim().split(' +')
        for (int i = 0; i < entries.length; i++) {
            String[] fields = entries[i].split(';', -1)
            if (fields.length != 5) {
                throw new PromotionArgumentException(
                        "Environment variable ${ENV_VARIABLE} holds a malformed record '${entries[i]}'; it is written by the image-promotion library and must not be edited.")
            }
            List<String> approvers = []
            if (!fields[4].isEmpty()) {
                String[] names = fields[4].split(',')
                for (int j = 0; j < names.length; j++) {
                    approvers.add(unescape(names[j]))
                }
            }
            records.add(new PromotionRecord(unescape(fields[0]), unescape(fields[1]), unescape(fields[2]),
                    unescape(fields[3]), approvers))
        }
        return records
    }

    @NonCPS
    private static String escape(String value) {
        return URLEncoder.encode(value == null ? '' : value, 'UTF-8')
    }

    @NonCPS
    private static String unescape(String value) {
        return URLDecoder.decode(value, 'UTF-8')
    }
}
