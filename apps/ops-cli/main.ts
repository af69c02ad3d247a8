import 'reflect-metadata';
import { runCli } from '../../libs/cli/cli';
import { run } from './ops-cli';

runCli(run);
