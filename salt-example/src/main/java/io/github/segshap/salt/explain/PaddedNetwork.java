package io.github.segshap.salt.explain;

import io.github.segshap.core.image.ImageShape;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.model.PaddedModel;
import io.github.segshap.core.padding.BoundaryMode;
import io.github.segshap.dl4j.model.Dl4jModel;

/**
 * The salt U-Net as the explain stages call it: the size the network takes for images of one shape
 * (recorded at training, or probed), and a model (DL4J or another engine running the same network)
 * padded to that size by mirroring, as in training, with its outputs cropped back. The padding is
 * recorded in the provenance by the {@link PaddedModel} itself.
 *
 * @param input the size the network takes
 * @param model the model taking the images' own shape
 */
record PaddedNetwork(ImageShape input, Model model) {

    /**
     * The size the network takes for {@code images}: {@code recorded} when known, else probed.
     *
     * @throws io.github.segshap.core.model.IncompatibleInputException when it cannot take it
     */
    static ImageShape inputFor(Dl4jModel network, ImageShape recorded, ImageShape images) {
        ImageShape input = recorded != null ? recorded : network.inputSpec(images).suggestedShape(images);
        network.requireCompatible(input);
        return input;
    }

    /** {@code engine} (which takes {@code input}) padded from {@code images} to {@code input}, if they differ. */
    static PaddedNetwork of(Model engine, ImageShape images, ImageShape input) {
        int h = images.height();
        int w = images.width();
        if (input.height() == h && input.width() == w) {
            return new PaddedNetwork(input, engine);
        }
        return new PaddedNetwork(input, PaddedModel.to(engine, input.height(), input.width(), BoundaryMode.MIRROR));
    }
}
