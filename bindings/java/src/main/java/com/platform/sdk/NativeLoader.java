package com.platform.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads the native library: from {@code java.library.path} when it is there, else from the copy
 * packed in the jar ({@code /native/<os>-<arch>/libshared_platform_java.so}), extracted to a
 * temporary file that is deleted when the JVM exits.
 */
public final class NativeLoader {
    private static final String LIBRARY = "shared_platform_java";
    private static boolean loaded;

    private NativeLoader() {}

    /** Loads the native library once (the SDK calls it itself; safe to call again). */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            System.loadLibrary(LIBRARY);
        } catch (UnsatisfiedLinkError notOnPath) {
            loadFromJar();
        }
        loaded = true;
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase().startsWith("linux") ? "linux" : System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        return os + "-" + ("amd64".equals(arch) ? "x86_64" : arch);
    }

    private static void loadFromJar() {
        String resource = "/native/" + platform() + "/lib" + LIBRARY + ".so";
        try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("no native library for " + platform() + " in the jar (" + resource + ")");
            }
            Path file = Files.createTempFile("lib" + LIBRARY, ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UnsatisfiedLinkError("cannot extract " + resource + ": " + e.getMessage());
        }
    }
}
