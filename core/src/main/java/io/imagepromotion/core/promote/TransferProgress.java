package io.imagepromotion.core.promote;

/** Progress of the blob transfers of one promotion, for people watching a build log or a terminal. */
public record TransferProgress(int blobsDone, int blobsTotal, long bytesDone, long bytesTotal) {
    public boolean finished() {
        return blobsDone == blobsTotal;
    }
}
