#!/usr/bin/env node
// The `mmpt` command: runs the built CLI.
import '../dist/main.js';
