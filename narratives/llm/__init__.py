"""The model layer: a catalogue of packaged local models, the embedded llama.cpp engine, and chat models."""
