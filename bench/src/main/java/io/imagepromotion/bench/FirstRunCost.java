package io.imagepromotion.bench;

/**
 * The one-off cost of bin/promote's class-data-sharing archive: the same copy timed as the first run after a jar build
 * (it writes the archive at exit), as a later run (archive mapped) and with {@code PROMOTE_CDS=off}, rotating.
 *
 * @param scenario     which copy, e.g. "multi, cross-registry, into an empty registry"
 * @param firstRun     runs that found no archive and made one
 * @param withArchive  runs that used the archive
 * @param cdsOff       runs with PROMOTE_CDS=off
 * @param archiveName  the file name of the archive the timed runs use (from the untimed warm-up copy)
 * @param archiveBytes its size
 */
record FirstRunCost(String scenario, Samples firstRun, Samples withArchive, Samples cdsOff, String archiveName, long archiveBytes) {
}
