import { packageBuild } from '../../tsup.shared.ts';

export default packageBuild({ 'data-worker': 'src/loader/data-worker.ts', 'prepare-mnist-cli': 'src/prepare/prepare-mnist-cli.ts' });
