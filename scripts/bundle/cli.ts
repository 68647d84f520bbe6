#!/usr/bin/env node
/** ncc entry of dist/cli/index.js, package.json's `bin.mlgate`. */
import "../../src/hosts/cli/bin.js";
