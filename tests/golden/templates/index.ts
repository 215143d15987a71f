import { analyze } from '../../../src/analysis/analyze';
import type { Doc } from '../../../src/graph/document';
import { serializeProject } from '../../../src/project/serialize';
import { alexnetSmall, mlpFashion, mlpToy2d, nin, vgg11Small } from './classic';
import { lenetBnAfterActivation, lenetBnNoBias, lenetDropout } from './lessons';
import { densenetSmall, googlenetMini, resnet18Small } from './modern';
import { mlpRegression } from './regression';

/**
 * The generated templates by id (the file is assets/templates/<id>.json). LeNet and
 * LeNet-BN predate the generator and are kept by hand, so they are not listed here.
 */
export const GENERATED_TEMPLATES: Readonly<Record<string, () => Doc>> = {
  'mlp-fashion': mlpFashion,
  'mlp-toy2d': mlpToy2d,
  'mlp-regression': mlpRegression,
  'alexnet-small': alexnetSmall,
  'vgg11-small': vgg11Small,
  nin,
  'googlenet-mini': googlenetMini,
  'resnet18-small': resnet18Small,
  'densenet-small': densenetSmall,
  'lenet-bn-after-activation': lenetBnAfterActivation,
  'lenet-bn-no-bias': lenetBnNoBias,
  'lenet-dropout': lenetDropout,
};

/** The project file text of a generated template; throws if the network has an error. */
export function templateText(id: string, appVersion: string): string {
  const make = GENERATED_TEMPLATES[id];
  if (!make) throw new Error(`Unknown template '${id}'`);
  const doc = make();
  const errors = analyze(doc).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`Template '${id}' has errors: ${JSON.stringify(errors)}`);
  return serializeProject(doc, appVersion);
}
