import { checkShard } from './role-matrix.check';

checkShard(0);
