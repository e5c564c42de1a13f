package io.imagepromotion.library

import com.lesfurets.jenkins.unit.global.lib.SourceRetriever

/**
 * Serves the library from the repository root, where vars/, src/ and resources/ live, whatever version the
 * Jenkinsfile asks for. (JenkinsPipelineUnit's LocalSource expects a {@code <name>@<version>} directory.)
 */
class RepositoryRootSource implements SourceRetriever {
    final File root

    RepositoryRootSource(File root) {
        this.root = root
    }

    @Override
    List<URL> retrieve(String repository, String branch, String targetPath) {
        return [root.toURI().toURL()]
    }
}
