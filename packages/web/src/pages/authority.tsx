export function Authority() { return <h1>Authority</h1>; }
