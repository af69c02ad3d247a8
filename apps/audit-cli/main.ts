import 'reflect-metadata';
import { runCli } from '../../libs/cli/cli';
import { run } from './audit-cli';

runCli(run);
