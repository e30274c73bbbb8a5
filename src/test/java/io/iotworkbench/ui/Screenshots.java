package io.iotworkbench.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes PNG snapshots of scenes to target/screenshots/ for people to look at. Call on the FX thread. */
public final class Screenshots {

    private Screenshots() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("iotworkbench.screenshots.dir", "target/screenshots"));
    }

    public static Path write(Scene scene, String name) {
        WritableImage image = scene.snapshot(null);
        Path file = dir().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
