package io.imagepromotion.library

import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.ModuleNode
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases

/**
 * The library's sources outside JenkinsPipelineUnit: as plain (not CPS-transformed) classes for unit tests of
 * pure logic, and as syntax trees for structural checks.
 */
class LibrarySources {
    static final File ROOT = LibraryPipelineTest.LIBRARY_ROOT
    static final File SRC = new File(ROOT, 'src')
    static final File VARS = new File(ROOT, 'vars')
    static final String PACKAGE = 'io.imagepromotion.pipeline'

    private static GroovyClassLoader plainLoader

    /** A library class compiled without the CPS transformer (all pure-logic methods are @NonCPS anyway). */
    static synchronized Class load(String simpleName) {
        if (plainLoader == null) {
            plainLoader = new GroovyClassLoader(LibrarySources.classLoader)
            plainLoader.addClasspath(SRC.path)
        }
        return plainLoader.loadClass("${PACKAGE}.${simpleName}")
    }

    static List<File> srcFiles() {
        List<File> files = []
        SRC.eachFileRecurse { if (it.name.endsWith('.groovy')) files.add(it) }
        return files.sort()
    }

    static List<File> varFiles() {
        return VARS.listFiles().findAll { it.name.endsWith('.groovy') }.sort()
    }

    /** Parses files to the CONVERSION phase: the tree as written, before Groovy adds generated members. */
    static List<ModuleNode> parse(List<File> files) {
        CompilationUnit unit = new CompilationUnit()
        files.each { unit.addSource(it) }
        unit.compile(Phases.CONVERSION)
        return unit.AST.modules
    }

    static List<ClassNode> srcClasses() {
        return parse(srcFiles()).collectMany { it.classes }
    }
}
