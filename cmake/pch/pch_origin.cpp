// Compiled only to produce the precompiled header of its target (see cmake/PrecompiledHeaders.cmake).
