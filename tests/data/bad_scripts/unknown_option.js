// expect: 2:11: Arrow(): unknown option 'colour'
const a = Arrow(LEFT, RIGHT, { colour: RED });
add(a);
