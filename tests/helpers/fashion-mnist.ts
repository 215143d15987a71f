// The Fashion-MNIST loader lives with the CLI, which trains from the command line on it;
// tests use the very same code.
export { fashionMnistSource, readFashionMnist } from '../../src/cli/node-data';
