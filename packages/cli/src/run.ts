// Entry of the `iamspec` binary (bin/iamspec.js imports the built file).
console.log("iamspec: not implemented yet");
