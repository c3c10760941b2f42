"""Training and export scripts. They need the ``train`` extra (torch, transformers, onnx);
the runtime never imports this package."""
