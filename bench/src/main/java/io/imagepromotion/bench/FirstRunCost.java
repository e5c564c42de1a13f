package io.imagepromotion.bench;

/**
 * The one-off cost of bin/promote's class-data-sharing archive: the same copy timed as the first run after a jar build
 * (it lists its classes; the launcher then dumps the archive in the background), as a later run (archive mapped) and with {@code PROMOTE_CDS=off}, rotating.
 *
 * @param scenario     which copy, e.g. "multi, cross-registry, into an empty registry"
 * @param firstRun     runs that found no archive and listed their classes for one
 * @param dumpAfter    how long after each first run the background dump took to leave the archive in place
 * @param withArchive  runs that used the archive
 * @param cdsOff       runs with PROMOTE_CDS=off
 * @param archiveName  the file name of the archive the timed runs use (from the untimed warm-up copy)
 * @param archiveBytes its size
 */
record FirstRunCost(String scenario, Samples firstRun, Samples dumpAfter, Samples withArchive, Samples cdsOff, String archiveName, long archiveBytes) {
}
