package io.iotworkbench.ui.common;

import javafx.scene.image.Image;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The application icon at every size the build ships, for stage icons. Stateless. */
public final class Icons {

    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private Icons() {
    }

    public static List<Image> applicationIcons() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            InputStream in = Icons.class.getResourceAsStream("/io/iotworkbench/icons/iot-workbench-" + size + ".png");
            if (in != null) {
                images.add(new Image(in));
            }
        }
        return images;
    }
}
